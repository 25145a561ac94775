import { PagePlaceholder } from '../shell/PagePlaceholder';

export function ExperimentsPage() {
  return (
    <PagePlaceholder
      title="Experiments"
      willHold={[
        'experiments, and a table of their runs with a search filter and chosen columns',
        'a run: its params, metrics and their charts, tags, notes and artifacts',
        'a side-by-side comparison of 2 to 20 runs',
      ]}
    />
  );
}
