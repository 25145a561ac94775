import { Alert, Box, Typography } from '@mui/material';

/** A page whose feature has not landed yet says so plainly, and what it will hold. */
export function PagePlaceholder(props: { title: string; willHold: string[] }) {
  return (
    <Box>
      <Typography variant="h5" component="h1" gutterBottom>
        {props.title}
      </Typography>
      <Alert severity="info" sx={{ maxWidth: 720 }}>
        This page is not built yet. It will hold:
        <ul style={{ margin: '8px 0 0', paddingLeft: 20 }}>
          {props.willHold.map((item) => (
            <li key={item}>{item}</li>
          ))}
        </ul>
      </Alert>
    </Box>
  );
}
