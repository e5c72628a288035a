import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useOrganisation } from '../../layout/organisation';
import { type ImportKindName, canImport, importPath } from './kinds';

/**
 * "Import from a spreadsheet", on the screen where people work with that data: shown only to those
 * who may import it, as other screens show their write actions only to those who may write.
 */
export function ImportLink({ kind, assessmentId }: { kind: ImportKindName; assessmentId?: string | null }) {
  const { t } = useTranslation();
  const org = useOrganisation();
  if (!canImport(org, kind)) return null;
  return <Link className="button button-secondary" to={importPath(org.id, kind, assessmentId)}>{t(`imports.link.${kind}`)}</Link>;
}
