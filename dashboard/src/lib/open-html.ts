import { saveFile } from './save-file';

/**
 * Opens a printable page the server sends only with this screen's credential (a plain link cannot carry it): the tab
 * is opened inside the click, before the fetch, so a popup blocker lets it through; without a tab the page is saved.
 */
export async function openHtml(load: () => Promise<string>, fileName: string): Promise<void> {
  const tab = window.open('', '_blank');
  try {
    const html = await load();
    if (!tab) {
      saveFile(html, fileName, 'text/html');
      return;
    }
    const url = URL.createObjectURL(new Blob([html], { type: 'text/html;charset=utf-8' }));
    tab.location.href = url;
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
  } catch (err) {
    tab?.close();
    throw err;
  }
}
