/**
 * The pseudo-locale (en-XA): every message of the catalogue, accented and bracketed, so a screen
 * read in it shows at a glance (and to the browser test) any words that did not come from the
 * catalogue, and how the layout copes with text about a third longer. Placeholders ({{name}}) and
 * the tags Trans fills in (<link>…</link>) are left as they are.
 */
export const PSEUDO_LANGUAGE = 'en-XA';
export const PSEUDO_OPEN = '⟦';
export const PSEUDO_CLOSE = '⟧';

const ACCENTED: Record<string, string> = {
  a: 'á', b: 'ƀ', c: 'ç', d: 'ð', e: 'é', f: 'ƒ', g: 'ĝ', h: 'ĥ', i: 'í', j: 'ĵ', k: 'ķ', l: 'ļ', m: 'ɱ',
  n: 'ñ', o: 'ó', p: 'þ', q: 'ǫ', r: 'ŕ', s: 'š', t: 'ţ', u: 'ú', v: 'ṽ', w: 'ŵ', x: 'ẋ', y: 'ý', z: 'ž',
  A: 'Á', B: 'Ɓ', C: 'Ç', D: 'Ð', E: 'É', F: 'Ƒ', G: 'Ĝ', H: 'Ĥ', I: 'Í', J: 'Ĵ', K: 'Ķ', L: 'Ļ', M: 'Ṁ',
  N: 'Ñ', O: 'Ó', P: 'Þ', Q: 'Ǫ', R: 'Ŕ', S: 'Š', T: 'Ţ', U: 'Ú', V: 'Ṽ', W: 'Ŵ', X: 'Ẋ', Y: 'Ý', Z: 'Ž',
};

/** Placeholders and tags stay as written; everything else is accented, and vowels doubled to lengthen it. */
export function pseudoText(message: string): string {
  const parts = message.split(/(\{\{[^}]*\}\}|<\/?[a-z0-9]+\s*\/?>)/i);
  const body = parts.map((part, i) => (i % 2 === 1 ? part : part.replace(/[A-Za-z]/g, (c) => (/[aeiou]/i.test(c) ? (ACCENTED[c] ?? c).repeat(2) : (ACCENTED[c] ?? c))))).join('');
  return `${PSEUDO_OPEN}${body}${PSEUDO_CLOSE}`;
}

export type Catalogue = { [key: string]: string | Catalogue };

export function pseudoCatalogue(catalogue: Catalogue): Catalogue {
  return Object.fromEntries(Object.entries(catalogue).map(([key, value]) => [key, typeof value === 'string' ? pseudoText(value) : pseudoCatalogue(value)]));
}
