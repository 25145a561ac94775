import { PagePlaceholder } from '../shell/PagePlaceholder';

export function DashboardPage() {
  return (
    <PagePlaceholder
      title="Dashboard"
      willHold={[
        'the production model of each registered model, and its latest training run',
        'prediction counts and recent prediction activity',
        'recent and running pipeline flows',
      ]}
    />
  );
}
