import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './shell/App';
import { DisplayScreen } from './visits/DisplayScreen';
// The app brings its own Chinese font (regular and bold), after Microsoft YaHei in the stack.
import '@fontsource/noto-sans-sc/400.css';
import '@fontsource/noto-sans-sc/700.css';
import './styles.css';

createRoot(document.getElementById('root')!).render(
  <StrictMode>{location.pathname === '/display' ? <DisplayScreen /> : <App />}</StrictMode>,
);
