/** The image panel's summary: images, pixels and decoders; classes with their counts; skipped images and why. */
import type { ImagePanelInit } from '../../shared/image-protocol';
import { el } from '../dom';
import { t } from '../l10n';

export function imageSummary(init: ImagePanelInit): HTMLElement[] {
  const parts: HTMLElement[] = [
    el('p', {
      id: 'image-summary',
      className: 'shape',
      text: t('imageSummary', { images: init.images, pixels: init.pixels, decoders: init.decoders }),
    }),
  ];
  if (init.classes)
    parts.push(
      el('p', {
        id: 'image-classes',
        text: t('imageClasses', {
          classes: init.classes.map((c) => `${c.name} ${c.images}`).join(', '),
        }),
      }),
    );
  if (init.skipped)
    parts.push(
      el(
        'div',
        { id: 'image-skipped', className: 'note' },
        el('p', { text: t('imageSkipped', { count: init.skipped.length }) }),
        el('ul', {}, ...init.skipped.map((s) => el('li', {}, el('code', { text: s.file }), `: ${s.reason}`))),
      ),
    );
  return parts;
}
