import { Page } from '../ui/Page';

/**
 * Screens whose API is not in the schema yet (apps/api/schema.graphql): they say what is coming,
 * rather than inventing operations the API does not have.
 */
const PENDING = {
  webhooks: {
    title: 'Webhooks',
    text: 'Webhook endpoints, their signing secrets (shown once) and the dead-letter list appear here once the webhook API is available.',
  },
  notifications: {
    title: 'Notifications',
    text: 'Your reminder preferences (immediate, daily, weekly or none) and your calendar feed of due and review dates appear here once the notification API is available.',
  },
} as const;

export default function Pending({ which }: { which: keyof typeof PENDING }) {
  const { title, text } = PENDING[which];
  return (
    <Page title={title}>
      <div className="card pending">
        <p><strong>Coming soon.</strong> {text}</p>
      </div>
    </Page>
  );
}
