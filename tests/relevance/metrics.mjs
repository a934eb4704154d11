// Rank metrics of judged queries, shared by tests/relevance/run.mjs and the
// bench's site relevance (bench/lib/site-relevance.mjs). A rank is the 0-based
// place of the best expected id in a result list, or -1 when none is there.

/** {n, s1, s10, mrr}: the share of ranks at 0, the share below 10, MRR@10. */
export function rankMetrics(ranks) {
  const n = ranks.length;
  const within = (k) => ranks.filter((r) => r >= 0 && r < k).length;
  const mrr = ranks.reduce((sum, r) => sum + (r >= 0 && r < 10 ? 1 / (r + 1) : 0), 0);
  return { n, s1: n ? within(1) / n : 0, s10: n ? within(10) / n : 0, mrr: n ? mrr / n : 0 };
}

/** The rank of the first id in ids that expect holds, or -1. */
export function bestRank(ids, expect) {
  return ids.findIndex((id) => expect.includes(id));
}
