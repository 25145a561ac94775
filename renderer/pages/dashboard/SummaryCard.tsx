import type { ReactNode } from 'react';
import { Button, Card, CardActions, CardContent, Typography } from '@mui/material';

export function SummaryCard(props: { title: string; testId: string; action: string; onAction: () => void; children: ReactNode }) {
  return (
    <Card variant="outlined" data-testid={props.testId} sx={{ display: 'flex', flexDirection: 'column' }}>
      <CardContent sx={{ flexGrow: 1 }}>
        <Typography variant="h6" component="h2" gutterBottom>
          {props.title}
        </Typography>
        {props.children}
      </CardContent>
      <CardActions>
        <Button size="small" onClick={props.onAction}>
          {props.action}
        </Button>
      </CardActions>
    </Card>
  );
}
