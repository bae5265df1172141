export async function runWorstDay(_a: string[], _f: string) {}
