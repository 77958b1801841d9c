/**
 * Mutations of real X12 files for fuzz tests: truncation, wrong or mixed delimiters, bad counts,
 * garbage bytes, duplicated and dropped segments, a BOM, CRLF line ends. Deterministic given the
 * PRNG, so a failing case can be replayed from its seed.
 */

export const MUTATIONS = [
  'truncate',
  'delimiter-char',
  'swap-element-separator',
  'mixed-separators',
  'bad-count',
  'garbage-bytes',
  'duplicate-segment',
  'drop-segment',
  'bom',
  'crlf',
  'flip-bytes',
  'delete-range',
  'swap-terminator',
  'empty-elements',
] as const;
export type Mutation = (typeof MUTATIONS)[number];

const DELIMS = ['~', '*', ':', '^', '|', '+', '\n', '\r', '!', '>'];

function pick<T>(rnd: () => number, list: readonly T[]): T {
  return list[Math.floor(rnd() * list.length)]!;
}

/** Applies one mutation to the bytes of a file. */
export function mutate(input: Buffer, mutation: Mutation, rnd: () => number): Buffer {
  const n = input.length;
  const at = Math.floor(rnd() * (n + 1));
  const text = (): string => input.toString('latin1');
  const back = (s: string): Buffer => Buffer.from(s, 'latin1');
  const term = (): string => {
    const t = input[105];
    return t === undefined ? '~' : String.fromCharCode(t);
  };
  switch (mutation) {
    case 'truncate':
      return input.subarray(0, at);
    case 'delimiter-char': {
      const s = text();
      return back(s.slice(0, at) + pick(rnd, DELIMS) + s.slice(at + 1));
    }
    case 'swap-element-separator': {
      const s = text();
      return back(s.replaceAll('*', pick(rnd, ['|', '^', ':', '~', '+', 'A'])));
    }
    case 'mixed-separators': {
      const s = text();
      return back(s.slice(0, at) + s.slice(at).replaceAll('*', pick(rnd, ['|', '^', '+'])));
    }
    case 'bad-count': {
      const s = text();
      const ids = ['SE', 'GE', 'IEA'];
      const id = pick(rnd, ids);
      const tm = term();
      const re = new RegExp(`(^|[${tm === '\n' ? '\\n' : `\\${tm}`}\\n])${id}\\*(\\d+)`);
      return back(s.replace(re, (_m, pre: string) => `${pre}${id}*${Math.floor(rnd() * 1000)}`));
    }
    case 'garbage-bytes': {
      const len = 1 + Math.floor(rnd() * 16);
      const g = Buffer.alloc(len);
      for (let i = 0; i < len; i++) g[i] = Math.floor(rnd() * 256);
      return Buffer.concat([input.subarray(0, at), g, input.subarray(at)]);
    }
    case 'duplicate-segment':
    case 'drop-segment': {
      const s = text();
      const tm = term();
      const parts = s.split(tm);
      if (parts.length < 2) return input;
      const i = Math.floor(rnd() * parts.length);
      if (mutation === 'duplicate-segment') parts.splice(i, 0, parts[i]!);
      else parts.splice(i, 1);
      return back(parts.join(tm));
    }
    case 'bom':
      return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), input]);
    case 'crlf': {
      const s = text();
      const tm = term();
      return back(s.replaceAll('\r\n', '\n').replaceAll('\n', '').replaceAll(tm, `${tm}\r\n`));
    }
    case 'flip-bytes': {
      const out = Buffer.from(input);
      const k = 1 + Math.floor(rnd() * 4);
      for (let j = 0; j < k && out.length > 0; j++) out[Math.floor(rnd() * out.length)] = Math.floor(rnd() * 256);
      return out;
    }
    case 'delete-range': {
      const len = Math.floor(rnd() * 64);
      return Buffer.concat([input.subarray(0, at), input.subarray(Math.min(n, at + len))]);
    }
    case 'swap-terminator': {
      const s = text();
      return back(s.replaceAll(term(), pick(rnd, ['\n', '!', '~', "'", '*'])));
    }
    case 'empty-elements': {
      const s = text();
      return back(s.slice(0, at) + '****' + s.slice(at));
    }
  }
}
