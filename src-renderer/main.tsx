import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './shell/App';
import { DisplayScreen } from './visits/DisplayScreen';
import './styles.css';

createRoot(document.getElementById('root')!).render(
  <StrictMode>{location.pathname === '/display' ? <DisplayScreen /> : <App />}</StrictMode>,
);
