import type { ComponentType } from 'react';
import DashboardIcon from '@mui/icons-material/SpaceDashboard';
import ScienceIcon from '@mui/icons-material/Science';
import ModelIcon from '@mui/icons-material/ModelTraining';
import PredictIcon from '@mui/icons-material/Insights';
import PipelineIcon from '@mui/icons-material/AccountTree';
import SettingsIcon from '@mui/icons-material/Settings';
import { DashboardPage } from '../pages/DashboardPage';
import { ExperimentsPage } from '../pages/ExperimentsPage';
import { ModelsPage } from '../pages/ModelsPage';
import { PredictionsPage } from '../pages/PredictionsPage';
import { PipelinesPage } from '../pages/PipelinesPage';
import { SettingsPage } from '../pages/SettingsPage';
import { pathOnly } from '../store/route';

export interface PageEntry {
  /** First word of the hash path; '' is the dashboard. */
  slug: string;
  label: string;
  icon: ComponentType;
  component: ComponentType;
}

export const PAGES: readonly PageEntry[] = [
  { slug: '', label: 'Dashboard', icon: DashboardIcon, component: DashboardPage },
  { slug: 'experiments', label: 'Experiments', icon: ScienceIcon, component: ExperimentsPage },
  { slug: 'models', label: 'Models', icon: ModelIcon, component: ModelsPage },
  { slug: 'predictions', label: 'Predictions', icon: PredictIcon, component: PredictionsPage },
  { slug: 'pipelines', label: 'Pipelines', icon: PipelineIcon, component: PipelinesPage },
  { slug: 'settings', label: 'Settings', icon: SettingsIcon, component: SettingsPage },
];

export function pageFor(path: string): PageEntry {
  const slug = pathOnly(path).split('/').filter(Boolean)[0] ?? '';
  return PAGES.find((p) => p.slug === slug) ?? PAGES[0]!;
}
