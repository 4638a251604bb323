// Runs the full Gongkai audit for the benchmark (politeness lifted for loopback) and returns its link findings.
export async function runBenchAudit(url: string, outDir: string) {
  throw new Error(`gongkai runner not wired yet (${url}, ${outDir})`);
}
