import { ComingSoon } from '../shell/ComingSoon';

export function TeaScreen() {
  return <ComingSoon area="tea" />;
}
