import { render } from 'preact';
import { App } from './app';
import './styles.css';

render(<App />, document.getElementById('app') as HTMLElement);

// The app shell is kept by a service worker (public/sw.js), so that a console reloaded without a link still
// opens. Not under `vite dev`, whose modules change on every save.
if (import.meta.env.PROD && 'serviceWorker' in navigator) {
  addEventListener('load', () => {
    navigator.serviceWorker.register('/sw.js').catch(() => undefined);
  });
}
