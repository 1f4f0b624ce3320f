import { ComingSoon } from '../shell/ComingSoon';

export function InspectionScreen() {
  return <ComingSoon area="inspection" />;
}
