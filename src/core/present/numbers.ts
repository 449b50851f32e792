const COUNT = new Intl.NumberFormat('en-US');

/** 1,234,567 */
export function formatCount(n: number): string {
  return COUNT.format(n);
}

/** "1 connection", "2,000 connections". */
export function plural(n: number, one: string, many: string): string {
  return `${formatCount(n)} ${n === 1 ? one : many}`;
}
