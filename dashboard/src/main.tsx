import { StrictMode, Suspense } from 'react';
import { createRoot } from 'react-dom/client';
import './lib/i18n';
import './styles.css';
import { Router } from './app/router';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    {/* The first paint waits for the language chunk; nothing is shown untranslated. */}
    <Suspense fallback={null}>
      <Router />
    </Suspense>
  </StrictMode>,
);
