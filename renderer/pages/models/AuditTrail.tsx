import { useEffect, useState } from 'react';
import { Alert, Card, CardContent, Typography } from '@mui/material';
import { api } from '../../api/client';
import { HistoryTable } from './HistoryTable';
import type { AuditEntry } from './models-store';

/** The newest entries in the audit trail of every model, deleted ones included; reloaded whenever the models change. */
export function AuditTrail(props: { changes: unknown }) {
  const [entries, setEntries] = useState<AuditEntry[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    api.registry.audit({ limit: 50 }).then(
      (result) => (setEntries(result.transitions), setError(null)),
      (e: Error) => setError(e.message),
    );
  }, [props.changes]);
  return (
    <Card variant="outlined" data-testid="audit-trail">
      <CardContent>
        <Typography variant="h6" gutterBottom>
          Audit trail
        </Typography>
        <Typography variant="body2" color="text.secondary" gutterBottom>
          Every promotion, rollback, stage or alias move, gate change and deletion, newest first. A deleted model&apos;s history stays here.
        </Typography>
        {error && <Alert severity="error">{error}</Alert>}
        {entries && <HistoryTable history={entries} withModel empty="Nothing has been promoted, moved or deleted yet." />}
      </CardContent>
    </Card>
  );
}
