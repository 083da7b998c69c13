// Entry point: reads /config.json (where the API is, how to sign in), then renders the portal.
import { render } from 'preact';
import { App } from './app';
import { loadRuntimeConfig } from './config';
import { initialLanguage, loadLanguage } from './i18n/i18n';
import './styles.css';

const root = document.getElementById('app')!;
// The configuration and the page's language (its messages are a chunk of their own) before the first render.
Promise.all([loadRuntimeConfig(), loadLanguage(initialLanguage())]).then(
  ([config]) => render(<App config={config} />, root),
  (error: unknown) => {
    // Before the portal has a language or a configuration, in plain words.
    const message = document.createElement('p');
    message.setAttribute('role', 'alert');
    message.textContent = `The portal could not start: ${error instanceof Error ? error.message : String(error)}`;
    root.replaceChildren(message);
  },
);
