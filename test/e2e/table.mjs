// The scenario × engine table printed at the end of a run: time per cell, ✗ or n/a.
export function printTable(resultsByEngine) {
  const engineNames = Object.keys(resultsByEngine);
  if (engineNames.length < 2) return;
  const names = [...new Set(Object.values(resultsByEngine).flatMap((r) => r.map((x) => x.name)))];
  const cell = (engine, name) => {
    const result = resultsByEngine[engine].find((each) => each.name === name);
    if (!result) return '';
    if (result.outcome === 'passed') return `${(result.ms / 1000).toFixed(1)} s`;
    if (result.outcome === 'flaky') return `flaky, ${(result.ms / 1000).toFixed(1)} s`;
    return result.outcome === 'n/a' ? 'n/a' : '✗';
  };
  console.log(`\n| scenario | ${engineNames.join(' | ')} |`);
  console.log(`| --- | ${engineNames.map(() => '---').join(' | ')} |`);
  for (const name of names) {
    console.log(`| ${name} | ${engineNames.map((engine) => cell(engine, name)).join(' | ')} |`);
  }
  const totals = engineNames.map(
    (engine) => `${(resultsByEngine[engine].seconds / 60).toFixed(1)} min`,
  );
  console.log(`| **engine total (launch included)** | ${totals.join(' | ')} |`);
}
