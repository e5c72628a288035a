import { Link } from 'react-router';
import { Trans, useTranslation } from 'react-i18next';
import { Page } from '../ui/Page';

export function NotFound() {
  const { t } = useTranslation();
  return (
    <Page title={t('notFound.title')}>
      <p><Trans i18nKey="notFound.body" components={{ to: <Link to="/" /> }} /></p>
    </Page>
  );
}
