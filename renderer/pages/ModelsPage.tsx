import { PagePlaceholder } from '../shell/PagePlaceholder';

export function ModelsPage() {
  return (
    <PagePlaceholder
      title="Models"
      willHold={[
        'registered models with their production version and key metrics',
        'versions with their stages and aliases, linked to their training runs',
        'promotion to production with a reason, the history of every transition, and rollback',
        'model bundles to export and import',
      ]}
    />
  );
}
