import type { RegistryService } from '../registry/registry-service';
import type { TrackingService } from '../tracking/tracking-service';

export interface BundleDeps {
  registry: RegistryService;
  tracking: TrackingService;
  /** Where imports are unpacked while they are checked (`<dataDir>/uploads`). */
  workDir: string;
  appVersion: string;
  now?: () => Date;
}
