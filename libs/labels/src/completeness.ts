import { codesOf, LABELS, LabelDomain } from './labels';
import type { LabelTable } from './label';

const HAN = /\p{Script=Han}/u;
/** Han characters, CJK punctuation (、。「」) and full-width forms (,:()). */
const CJK = /[\p{Script=Han}\u3000-\u303f\uff00-\uffef]/u;

/**
 * What is wrong with a domain's labels compared with the codes a library stores (for the
 * completeness specs): a code without a label, a label the library has no code for, labels in
 * another order than the code list, an empty label, a Chinese label without Chinese, an English
 * label with Chinese. `pending` are codes labelled ahead of the library (being added in a branch):
 * allowed as extras until the library has them, then reported so the list is cleaned up.
 * An empty array means complete.
 */
export function labelProblems(
  domain: LabelDomain,
  libraryCodes: readonly string[],
  pending: readonly string[] = [],
): string[] {
  const table: LabelTable = LABELS[domain];
  const labelled: string[] = codesOf(domain);
  const problems: string[] = [];
  for (const code of libraryCodes)
    if (!Object.hasOwn(table, code)) problems.push(`${domain}: no label for '${code}'`);
  for (const code of labelled)
    if (!libraryCodes.includes(code) && !pending.includes(code))
      problems.push(`${domain}: label for '${code}', which the library does not have`);
  for (const code of pending)
    if (libraryCodes.includes(code))
      problems.push(`${domain}: '${code}' is in the library now: drop it from the pending codes`);
  const order = labelled.filter((code) => libraryCodes.includes(code));
  const expected = libraryCodes.filter((code) => labelled.includes(code));
  if (order.join() !== expected.join())
    problems.push(
      `${domain}: labels in the order ${order.join(', ')}; the library's is ${expected.join(', ')}`,
    );
  for (const [code, label] of Object.entries(table)) {
    if (!label.zh.trim()) problems.push(`${domain}.${code}: empty zh label`);
    else if (!HAN.test(label.zh)) problems.push(`${domain}.${code}: zh label '${label.zh}' has no Chinese`);
    if (!label.en.trim()) problems.push(`${domain}.${code}: empty en label`);
    else if (CJK.test(label.en)) problems.push(`${domain}.${code}: en label '${label.en}' has Chinese`);
  }
  return problems;
}
