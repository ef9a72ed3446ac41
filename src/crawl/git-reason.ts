/** What a failed git command said, in one line a person can act on. */

/**
 * git's own reason, first: `ssh: Could not resolve hostname …` says more than the `fatal:
 * Could not read from remote repository` that follows it. Progress lines are left out.
 */
export function gitReason(output: string): string {
  const lines = output
    .split('\n')
    .map((l) => l.trim())
    .filter(
      (l) =>
        l &&
        !/^(Cloning into|remote: (Counting|Compressing|Enumerating|Total)|Receiving objects|Resolving deltas)/.test(l),
    );
  const first = lines[0] ?? 'git failed';
  const fatal = lines.find((l) => /^fatal:/.test(l));
  return fatal && fatal !== first ? `${first}; ${fatal}` : first;
}
