/**
 * Whether a Spring document's profile condition holds for the active profiles. Spring reads
 * `spring.config.activate.on-profile` (and Boot 2.3's `spring.profiles`) as a list of
 * profile expressions, any of which may match: `docker`, `!dev`, `prod & eu`, `a | b`,
 * `(a | b) & !c`. A condition that cannot be parsed never matches, so a typo does not pull
 * a document in.
 */

export function profilesMatch(expressions: readonly string[], active: ReadonlySet<string>): boolean {
  return expressions.some((expression) => evaluate(expression, active));
}

/** Splits a written condition (`dev, test` or a YAML list's items) into expressions. */
export function profileExpressions(written: string | readonly string[]): string[] {
  const items = typeof written === 'string' ? [written] : written;
  return items
    .flatMap((item) => splitTopLevelCommas(item))
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

function splitTopLevelCommas(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === ',' && depth === 0) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  return parts;
}

function evaluate(expression: string, active: ReadonlySet<string>): boolean {
  const tokens = expression.match(/[()!&|]|[^()!&|\s]+/g) ?? [];
  let at = 0;
  let failed = false;

  const or = (): boolean => {
    let value = and();
    while (tokens[at] === '|') {
      at++;
      value = and() || value;
    }
    return value;
  };
  const and = (): boolean => {
    let value = not();
    while (tokens[at] === '&') {
      at++;
      value = not() && value;
    }
    return value;
  };
  const not = (): boolean => {
    const token = tokens[at++];
    if (token === '!') return !not();
    if (token === '(') {
      const value = or();
      if (tokens[at++] !== ')') failed = true;
      return value;
    }
    if (token === undefined || /^[()&|]$/.test(token)) {
      failed = true;
      return false;
    }
    return active.has(token);
  };

  const value = or();
  return !failed && at === tokens.length && value;
}
