import { IconButton, Tooltip } from '@mui/material';
import InfoIcon from '@mui/icons-material/InfoOutlined';
import { useDesktop } from './desktop-store';

/** About NeuroOps from the app bar (the desktop app also has it in its menu). */
export function AboutButton() {
  const show = useDesktop((s) => s.show);
  return (
    <Tooltip title="About NeuroOps">
      <IconButton color="inherit" aria-label="about NeuroOps" onClick={() => show({ kind: 'about' })}>
        <InfoIcon />
      </IconButton>
    </Tooltip>
  );
}
