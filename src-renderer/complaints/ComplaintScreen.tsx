import { ComingSoon } from '../shell/ComingSoon';

export function ComplaintScreen() {
  return <ComingSoon area="complaint" />;
}
