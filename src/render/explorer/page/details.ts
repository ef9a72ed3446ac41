/**
 * The details of one node: what it is, where it is declared (with a link to the repo when it
 * has a web address), its blast radius, what calls it and what it calls, its libraries with
 * their pins (or, for a library, who uses which version). Text goes in with textContent only:
 * names come from manifests nobody here controls.
 */
import { FLAG } from '../types.js';
import type { Model } from './model.js';
import { impactCount, unpinned } from './view.js';

/** Longest list shown in full; the rest is counted. */
const LIST_LIMIT = 200;

function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  text?: string,
  className?: string,
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (text !== undefined) node.textContent = text;
  if (className) node.className = className;
  return node;
}

/** A link to the declaration when the repo has an http(s) address; else the place as text. */
function place(model: Model, repo: number, file: number, line: number): HTMLElement | undefined {
  const path = model.str(file);
  if (!path) return undefined;
  const r = repo >= 0 ? model.data.repos[repo] : undefined;
  const text = `${r ? `${r.id}: ` : ''}${path}${line > 0 ? `:${line}` : ''}`;
  if (!r?.web || !/^https?:\/\//.test(r.web)) return el('code', text);
  const a = el('a', text);
  a.href = `${r.web}/blob/${encodeURIComponent(r.commit ?? 'HEAD')}/${path.split('/').map(encodeURIComponent).join('/')}${line > 0 ? `#L${line}` : ''}`;
  a.target = '_blank';
  a.rel = 'noopener noreferrer';
  return a;
}

export function renderDetails(
  box: HTMLElement,
  model: Model,
  i: number,
  time: number,
  pick: (node: number) => void,
): void {
  box.replaceChildren();
  const type = model.type(i);
  box.append(el('h2', model.ids[i]));
  const facts = el('dl');
  const fact = (term: string, value: string | HTMLElement | undefined) => {
    if (value === undefined || value === '') return;
    facts.append(el('dt', term));
    const dd = el('dd');
    dd.append(value);
    facts.append(dd);
  };
  const flags = model.nodeFlags[i] as number;
  fact('type', `${type} · ${model.kind(i)}`);
  fact('system', model.system(i));
  fact('owner', model.owner(i));
  fact('description', model.str(model.nodeDescription[i] as number));
  const image = model.str(model.nodeImage[i] as number);
  if (image) fact('image', `${image}${flags & FLAG.imageUnpinned ? ' (unpinned)' : ''}`);
  fact('declared', place(model, model.nodeRepo[i] as number, model.nodeFile[i] as number, model.nodeLine[i] as number));
  const from =
    flags & FLAG.observedOnly ? 'observed only (traces)' : flags & FLAG.discovered ? 'discovered' : 'declared';
  fact('from', flags & FLAG.unresolved ? `${from}; unresolved: no component is or provides it` : from);
  fact('impact', `${impactCount(model, i)} depend on it, directly or not`);
  box.append(facts);

  const alive = (e: number) => model.versionAt(e, time) !== -1;
  const list = (title: string, edges: number[], line: (e: number) => { node: number; text: string; warn: boolean }) => {
    if (edges.length === 0) return;
    box.append(el('h3', `${title} (${edges.length})`));
    const ul = el('ul');
    for (const e of edges.slice(0, LIST_LIMIT)) {
      const { node, text, warn } = line(e);
      const li = el('li');
      const button = el('button', model.ids[node], 'link');
      button.type = 'button';
      button.addEventListener('click', () => pick(node));
      li.append(button);
      if (text) li.append(el('span', ` ${text}`, warn ? 'warn' : 'muted'));
      ul.append(li);
    }
    if (edges.length > LIST_LIMIT) ul.append(el('li', `… and ${edges.length - LIST_LIMIT} more`, 'muted'));
    box.append(ul);
  };
  const edgesOf = (start: Uint32Array, items: Uint32Array, kind: 'calls-service' | 'uses-library') => {
    const out: number[] = [];
    for (let k = start[i] as number; k < (start[i + 1] as number); k++) {
      const e = items[k] as number;
      if (model.edgeKind(e) === kind && alive(e)) out.push(e);
    }
    return out.sort((x, y) => {
      const a = model.ids[model.source[x] === i ? (model.target[x] as number) : (model.source[x] as number)] as string;
      const b = model.ids[model.source[y] === i ? (model.target[y] as number) : (model.source[y] as number)] as string;
      return a < b ? -1 : a > b ? 1 : 0;
    });
  };
  const call = (e: number, other: number) => {
    const bits = [model.str(model.protocol[e] as number), model.str(model.api[e] as number), model.labelAt(e, time)];
    const observed = model.calls[e]
      ? `${model.calls[e]} calls observed${model.errors[e] ? `, ${model.errors[e]} errors` : ''}`
      : '';
    const flagsE = model.edgeFlags[e] as number;
    const only = flagsE & FLAG.observedOnly ? 'observed, not declared' : '';
    const pinNote = model.pinState(e) === 'unpinned' ? 'unpinned' : '';
    return {
      node: other,
      text: [...bits, pinNote, observed, only].filter(Boolean).join(' · '),
      warn: unpinned(model, e) || only !== '',
    };
  };
  list('called by', edgesOf(model.inStart, model.inList, 'calls-service'), (e) => call(e, model.source[e] as number));
  list('calls', edgesOf(model.outStart, model.outList, 'calls-service'), (e) => call(e, model.target[e] as number));
  const library = (e: number, other: number) => {
    const pinned = model.pinnedAt(e, time);
    const scope = model.str(model.scope[e] as number);
    const transitive = (model.edgeFlags[e] as number) & FLAG.transitive ? 'transitive' : '';
    const bits = [model.labelAt(e, time) ?? 'no version', pinned ? 'pinned' : 'unpinned', scope, transitive];
    return { node: other, text: bits.filter(Boolean).join(' · '), warn: !pinned };
  };
  if (type === 'library')
    list('used by', edgesOf(model.inStart, model.inList, 'uses-library'), (e) => library(e, model.source[e] as number));
  list('libraries', edgesOf(model.outStart, model.outList, 'uses-library'), (e) =>
    library(e, model.target[e] as number),
  );
}
