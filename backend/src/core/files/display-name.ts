import { FILE_KINDS, FileKind } from './file-kinds';

const MAX_LENGTH = 120;
const WINDOWS_DEVICE = /^(?:con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³]|conin\$|conout\$|clock\$)$/i;

/**
 * The name shown for an attachment, made from the client's file name: never a path (only the
 * part after the last `/` or `\`), no control, bidirectional-override or zero-width characters
 * (which can disguise "gpj.exe" as "exe.jpg"), none of `<>:"/\|?*`, no leading dots, at most
 * 120 characters, no Windows device name (`con.pdf` → `_con.pdf`), and an extension that
 * matches the kind found in the content (a PNG named "kvitto.pdf" is shown as "kvitto.png").
 * Values are only ever displayed (and sent in Content-Disposition): the file is stored under a
 * random id, never under this name.
 */
export function displayNameFor(declared: string, kind: FileKind): string {
  const base = declared.split(/[/\\]/).pop() ?? '';
  let name = base
    .normalize('NFC')
    .replace(/[\p{Cc}\p{Cf}\u2028\u2029]/gu, '')
    .replace(/[<>:"|?*]/g, '_')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^[.\s]+/, '')
    .replace(/[.\s]+$/, '');
  const { extensions } = FILE_KINDS[kind];
  const dot = name.lastIndexOf('.');
  const ext = dot > 0 ? name.slice(dot + 1).toLowerCase() : '';
  let stem = dot > 0 ? name.slice(0, dot) : name;
  if (dot > 0 && !/^[a-z0-9]{1,5}$/.test(ext)) stem = name;
  stem = stem.replace(/[.\s]+$/, '') || 'bilaga';
  // a name Windows reserves for a device (CON, PRN, AUX, NUL, COM1–9, LPT1–9, also with an
  // extension: "con.pdf") cannot be saved there under that name: keep it recognisable, not usable
  if (WINDOWS_DEVICE.test(stem.split('.')[0].trim())) stem = `_${stem}`;
  const finalExt = extensions.includes(ext) ? ext : extensions[0];
  const room = MAX_LENGTH - finalExt.length - 1;
  name = `${[...stem].slice(0, room).join('').trim() || 'bilaga'}.${finalExt}`;
  return name;
}
