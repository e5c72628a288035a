import { useTranslation } from 'react-i18next';

/** Footnote markers where the framework attaches them, linking to the element's notes. */
export function FootnoteRefs({ footnotes }: { footnotes: readonly { number: number }[] }) {
  const { t } = useTranslation();
  if (!footnotes.length) return null;
  return (
    <>
      {footnotes.map((f) => (
        <sup key={f.number} className="footnote-ref">
          <a href={`#footnote-${f.number}`} aria-label={t('footnotes.ref', { number: f.number })}>{f.number}</a>
        </sup>
      ))}
    </>
  );
}

export function FootnoteList({ footnotes }: { footnotes: readonly { number: number; text: string }[] }) {
  const { t } = useTranslation();
  if (!footnotes.length) return null;
  return (
    <section className="footnotes" aria-labelledby="footnotes-heading">
      <h3 id="footnotes-heading">{t('footnotes.heading')}</h3>
      <ol translate="no">
        {footnotes.map((f) => (
          <li key={f.number} id={`footnote-${f.number}`} value={f.number} tabIndex={-1}>{f.text}</li>
        ))}
      </ol>
    </section>
  );
}
