/**
 * Claims a row that at most one holder may have: `tryStore` is one `INSERT … ON CONFLICT DO
 * UPDATE … WHERE <the existing row is dead>` (atomic in PostgreSQL even against concurrent
 * inserts from other instances), returning whether it wrote; otherwise `readLive` returns the
 * row that blocked it. Between the two statements that row may vanish (released, purged), so
 * the claim is tried again; each lost round means another caller made progress.
 */
export async function claim<T>(
  tryStore: () => Promise<boolean>,
  readLive: () => Promise<T | null>,
): Promise<T | null> {
  for (let round = 0; round < 10; round++) {
    if (await tryStore()) return null;
    const live = await readLive();
    if (live) return live;
  }
  throw new Error('claim did not settle after 10 rounds of contention');
}
