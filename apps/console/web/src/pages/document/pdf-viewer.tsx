import { Alert, Anchor, Button, Group, Loader, Stack, Text } from '@mantine/core';
import { useElementSize } from '@mantine/hooks';
import { GlobalWorkerOptions, getDocument, type PDFDocumentProxy } from 'pdfjs-dist';
// The worker is one of the bundle's own files (a hashed asset), served by the console: no CDN.
import workerUrl from 'pdfjs-dist/build/pdf.worker.min.mjs?url';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import classes from './pdf-viewer.module.css';

GlobalWorkerOptions.workerSrc = workerUrl;

/** Pages drawn at first; a longer document shows more on request. */
const FIRST_PAGES = 10;

/** One page, drawn to a canvas as wide as the viewer, sharp on high-density screens. */
function PdfPage({ pdf, number, width, label }: { pdf: PDFDocumentProxy; number: number; width: number; label: string }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    if (width <= 0 || !canvas.current) return;
    let cancelled = false;
    let render: { cancel(): void } | undefined;
    void (async () => {
      try {
        const page = await pdf.getPage(number);
        if (cancelled || !canvas.current) return;
        const scale = width / page.getViewport({ scale: 1 }).width;
        const ratio = window.devicePixelRatio || 1;
        const viewport = page.getViewport({ scale: scale * ratio });
        canvas.current.width = Math.floor(viewport.width);
        canvas.current.height = Math.floor(viewport.height);
        canvas.current.style.aspectRatio = `${viewport.width} / ${viewport.height}`;
        const task = page.render({ canvas: canvas.current, viewport });
        render = task;
        await task.promise;
      } catch (error) {
        // A newer render of the same canvas cancelled this one: not a failure.
        if (!cancelled && (error as Error).name !== 'RenderingCancelledException') setFailed(true);
      }
    })();
    return () => {
      cancelled = true;
      render?.cancel();
    };
  }, [pdf, number, width]);
  if (failed) return <Text c="red.9">{label}</Text>;
  return <canvas ref={canvas} className={classes.page} role="img" aria-label={label} data-page={number} />;
}

/**
 * The document's PDF drawn in the page with pdf.js (its worker a file of the console's bundle),
 * each page a labelled canvas, and the file itself to download: the canvases show the pages,
 * the download is the text for whoever cannot see them.
 */
export function PdfViewer({ data, title, filename }: { data: ArrayBuffer; title: string; filename: string }) {
  const { t } = useTranslation('document');
  const { ref, width } = useElementSize();
  const [pdf, setPdf] = useState<PDFDocumentProxy>();
  const [failed, setFailed] = useState<string>();
  const [shown, setShown] = useState(FIRST_PAGES);
  const download = useMemo(() => URL.createObjectURL(new Blob([data], { type: 'application/pdf' })), [data]);
  useEffect(() => () => URL.revokeObjectURL(download), [download]);

  // One viewer per file (its parent keys it by the file's hash), so the state starts empty for each.
  useEffect(() => {
    // pdf.js takes the bytes over (to its worker): it gets a copy, the page keeps its own.
    const task = getDocument({ data: new Uint8Array(data.slice(0)), isEvalSupported: false, enableXfa: false });
    let destroyed = false;
    task.promise.then(
      (loaded) => !destroyed && setPdf(loaded),
      // A task destroyed here (the page left, or React's second mount in development) fails with "Worker was destroyed": not the file's fault.
      (error: Error) => !destroyed && setFailed(error.message),
    );
    return () => {
      destroyed = true;
      void task.destroy();
    };
  }, [data]);

  const pages = pdf?.numPages ?? 0;
  return (
    <Stack gap="sm">
      <Group justify="space-between">
        <Text size="sm" role="status">
          {pdf ? t('pdf.pages', { count: pages }) : failed ? '' : t('pdf.loading')}
        </Text>
        <Anchor href={download} download={filename} size="sm">
          {t('pdf.download')}
        </Anchor>
      </Group>
      {failed && (
        <Alert color="red" title={t('pdf.failed')}>
          {failed}
        </Alert>
      )}
      <div ref={ref} className={classes.pages}>
        {!pdf && !failed && <Loader aria-label={t('pdf.loading')} />}
        {pdf &&
          Array.from({ length: Math.min(pages, shown) }, (_, i) => (
            <PdfPage key={i + 1} pdf={pdf} number={i + 1} width={width} label={t('pdf.page', { page: i + 1, pages, title })} />
          ))}
      </div>
      {pages > shown && (
        <Button variant="default" onClick={() => setShown((n) => n + FIRST_PAGES)} w="fit-content">
          {t('pdf.more', { count: Math.min(FIRST_PAGES, pages - shown) })}
        </Button>
      )}
    </Stack>
  );
}
