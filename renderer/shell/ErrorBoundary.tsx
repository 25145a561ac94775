import { Component, type ErrorInfo, type ReactNode } from 'react';
import { Alert, AlertTitle, Box, Button } from '@mui/material';

interface Props {
  /** Changing the key (the route) clears an error, so moving to another page recovers. */
  resetKey: string;
  children: ReactNode;
}

interface State {
  error: Error | null;
  resetKey: string;
}

/** One broken page must not blank the whole window: show what failed and a way on. */
export class ErrorBoundary extends Component<Props, State> {
  override state: State = { error: null, resetKey: this.props.resetKey };

  static getDerivedStateFromError(error: Error): Partial<State> {
    return { error };
  }

  static getDerivedStateFromProps(props: Props, state: State): Partial<State> | null {
    return props.resetKey !== state.resetKey ? { error: null, resetKey: props.resetKey } : null;
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    console.warn('page failed to render:', error, info.componentStack);
  }

  override render(): ReactNode {
    if (!this.state.error) return this.props.children;
    return (
      <Box sx={{ p: 3 }} role="alert">
        <Alert severity="error">
          <AlertTitle>This page stopped working</AlertTitle>
          {this.state.error.message}
          <Box sx={{ mt: 2 }}>
            <Button variant="outlined" color="inherit" onClick={() => this.setState({ error: null })}>
              Try again
            </Button>
          </Box>
        </Alert>
      </Box>
    );
  }
}
