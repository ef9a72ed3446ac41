/**
 * The who and when of a commit from its raw object (as `cat-file --batch` gives it): the tip
 * of a repo is where what is still there was last seen, and it is read through the cat-file
 * already open rather than one more `git log`.
 */
export interface CommitInfo {
  oid: string;
  author: string;
  email: string;
  /** Committer date, ISO 8601 in UTC. */
  date: string;
  time: number;
  subject: string;
}

const PERSON = /^(author|committer) (.*) <([^>]*)> (\d+) [+-]\d{4}$/;

/** Reads author, committer date and subject from a commit object; undefined when it is not one. */
export function parseCommitObject(oid: string, data: Buffer): CommitInfo | undefined {
  const text = data.toString('utf8');
  const end = text.indexOf('\n\n');
  const header = end < 0 ? text : text.slice(0, end);
  let author: { name: string; email: string } | undefined;
  let time: number | undefined;
  for (const line of header.split('\n')) {
    const m = PERSON.exec(line);
    if (!m) continue;
    if (m[1] === 'author') author = { name: m[2] as string, email: m[3] as string };
    else time = Number(m[4]) * 1000;
  }
  if (!author || time === undefined) return undefined;
  const subject = end < 0 ? '' : (text.slice(end + 2).split('\n')[0] ?? '');
  return {
    oid,
    author: author.name,
    email: author.email,
    date: new Date(time).toISOString().replace('.000Z', 'Z'),
    time,
    subject,
  };
}
