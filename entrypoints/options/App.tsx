import { KeyForm } from '../../components/KeyForm';

/** Settings page. Issue 7 adds the other groups (downloads, 1Fichier, pages, transfer). */
export function App() {
  return (
    <main style={{ padding: '16px 24px', maxWidth: '720px' }}>
      <h1>Downloader for 1Fichier — Settings</h1>
      <section aria-labelledby="account-heading">
        <h2 id="account-heading">Account and key</h2>
        <KeyForm />
      </section>
    </main>
  );
}
