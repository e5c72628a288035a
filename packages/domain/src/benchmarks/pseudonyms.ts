import { randomBytes } from 'node:crypto';

/** No 0/O, 1/I/L, or U (which, beside V, reads badly aloud), so a label can be read out and typed back. */
export const PSEUDONYM_ALPHABET = '23456789ABCDEFGHJKMNPQRSTVWXYZ';
const SHORTEST = 4;
/** Bytes at or above this are rejected so that every character is equally likely. */
const UNBIASED_BELOW = 256 - (256 % PSEUDONYM_ALPHABET.length);
/** A source that keeps repeating itself would otherwise loop for ever. */
const MAX_ATTEMPTS_PER_LABEL = 1000;

/**
 * Labels for one snapshot's anonymous rows, such as "Member 7KQ2". They are drawn afresh for each
 * call, from randomness only (nothing about the institution goes in), so the same institution
 * cannot be followed from one snapshot to the next by its label. Rows are to be shown in `order`,
 * sorted by label, because an order by id or name would link them just as well.
 *
 * Labels are unique within a call; the length grows past four characters only when the call has
 * so many ids that four would collide often. Repeated ids get one label.
 */
export function assignPseudonyms(
  ids: readonly string[],
  random: (size: number) => Buffer = randomBytes,
): { pseudonyms: Map<string, string>; order: string[] } {
  const unique = [...new Set(ids)];
  let length = SHORTEST;
  while (PSEUDONYM_ALPHABET.length ** length < 100 * unique.length) length++;

  const draw = randomCharacters(random);
  const used = new Set<string>();
  const pseudonyms = new Map<string, string>();
  for (const id of unique) {
    let label: string;
    let attempts = 0;
    do {
      if (++attempts > MAX_ATTEMPTS_PER_LABEL) throw new Error('The random source keeps repeating labels');
      label = `Member ${draw(length)}`;
    } while (used.has(label));
    used.add(label);
    pseudonyms.set(id, label);
  }
  const order = [...unique].sort((x, y) => (pseudonyms.get(x)! < pseudonyms.get(y)! ? -1 : 1));
  return { pseudonyms, order };
}

function randomCharacters(random: (size: number) => Buffer): (count: number) => string {
  let buffer: Buffer = Buffer.alloc(0);
  let position = 0;
  return (count) => {
    let text = '';
    while (text.length < count) {
      if (position >= buffer.length) {
        buffer = random(64);
        position = 0;
        if (buffer.length === 0) throw new Error('The random source returned no bytes');
      }
      const byte = buffer[position++]!;
      if (byte < UNBIASED_BELOW) text += PSEUDONYM_ALPHABET[byte % PSEUDONYM_ALPHABET.length];
    }
    return text;
  };
}
