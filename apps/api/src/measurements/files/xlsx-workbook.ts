import { bilingual } from './rows.js';
import { decodeEscapes, isBuiltinDateFormat, isDateFormatCode } from './xlsx-cells.js';
import {
  RESAVE_HINT,
  UnreadablePackage,
  relationshipsPart,
  resolveTarget,
  type XlsxPackage,
} from './xlsx-package.js';
import {
  PACKAGE_RELATIONSHIPS,
  RELATIONSHIP_ID_NAMESPACES,
  attribute,
  isSpreadsheet,
  namespacedAttribute,
  visitXml,
  type XmlTag,
  type XmlVisitor,
} from './xlsx-xml.js';

// The workbook around the worksheets: which sheets there are and where, the date system, the
// shared strings and which cell styles show dates. Found through the package's relationships,
// so parts may have any name.

export interface WorkbookSheet {
  /** The name on the sheet's tab. */
  name: string;
  /** The worksheet part, e.g. `xl/worksheets/sheet1.xml`. */
  part: string;
}

export interface Workbook {
  /** Worksheets in workbook order (chart sheets and macro sheets left out). */
  sheets: WorkbookSheet[];
  /** Serial numbers count from 1904-01-01 (old Mac Excel) instead of 1900. */
  date1904: boolean;
  /** The shared strings (rich text as its runs' text joined), or null when there are none. */
  sharedStrings: readonly string[] | null;
  /** For each cell style (`s`), whether its number format shows a date or a time. */
  dateStyles: readonly boolean[];
}

interface Relationship {
  type: string;
  target: string;
}

const TYPE_SUFFIX = {
  officeDocument: '/officeDocument',
  worksheet: '/worksheet',
  sharedStrings: '/sharedStrings',
  styles: '/styles',
} as const;

function notAWorkbook(detail: string): UnreadablePackage {
  return new UnreadablePackage(
    `${bilingual(`文件不是 Excel 工作簿（${detail}）`, `not an Excel workbook (${detail})`)}; ${RESAVE_HINT}`,
  );
}

/** Reads the workbook part, its relationships, shared strings and styles. */
export async function readWorkbook(pkg: XlsxPackage): Promise<Workbook> {
  if (!pkg.has('_rels/.rels')) throw notAWorkbook('_rels/.rels');
  const root = await readRelationships(pkg, '', '_rels/.rels');
  const office = [...root.values()].find((rel) => rel.type.endsWith(TYPE_SUFFIX.officeDocument));
  if (office === undefined || !pkg.has(office.target)) {
    throw notAWorkbook(office?.target ?? 'officeDocument');
  }
  const workbookPart = office.target;
  const relsPart = relationshipsPart(workbookPart);
  const rels = pkg.has(relsPart)
    ? await readRelationships(pkg, workbookPart, relsPart)
    : new Map<string, Relationship>();

  const visitor = new WorkbookVisitor();
  await visitXml(workbookPart, pkg.text(workbookPart), visitor);
  if (!visitor.isWorkbook) throw notAWorkbook(workbookPart);

  const sheets: WorkbookSheet[] = [];
  for (const sheet of visitor.sheets) {
    const rel = rels.get(sheet.id);
    // Chart sheets hold no cells (exceljs skips them too), nor do dialog and macro sheets.
    if (rel === undefined || !rel.type.endsWith(TYPE_SUFFIX.worksheet)) continue;
    if (!pkg.has(rel.target)) {
      throw new UnreadablePackage(
        `${bilingual(`缺少工作表“${sheet.name}”的部件 ${rel.target}`, `the part ${rel.target} of sheet "${sheet.name}" is missing`)}; ${RESAVE_HINT}`,
      );
    }
    sheets.push({ name: sheet.name, part: rel.target });
  }

  const folder = workbookPart.slice(0, workbookPart.lastIndexOf('/') + 1);
  const related = (suffix: string, usual: string): string | null => {
    const rel = [...rels.values()].find((r) => r.type.endsWith(suffix));
    // Some writers leave the relationship out; their parts have the usual names.
    const part = rel?.target ?? `${folder}${usual}`;
    return pkg.has(part) ? part : null;
  };
  const stringsPart = related(TYPE_SUFFIX.sharedStrings, 'sharedStrings.xml');
  const stylesPart = related(TYPE_SUFFIX.styles, 'styles.xml');
  return {
    sheets,
    date1904: visitor.date1904,
    sharedStrings: stringsPart === null ? null : await readSharedStrings(pkg, stringsPart),
    dateStyles: stylesPart === null ? [] : await readDateStyles(pkg, stylesPart),
  };
}

// ---------------------------------------------------------------- relationships

async function readRelationships(
  pkg: XlsxPackage,
  source: string,
  part: string,
): Promise<Map<string, Relationship>> {
  const found = new Map<string, Relationship>();
  await visitXml(part, pkg.text(part), {
    done: false,
    open(tag) {
      if (tag.local !== 'Relationship' || tag.uri !== PACKAGE_RELATIONSHIPS) return;
      // Links out of the package (TargetMode="External") are no parts of it.
      if (attribute(tag, 'TargetMode') === 'External') return;
      const id = attribute(tag, 'Id');
      const target = attribute(tag, 'Target');
      if (id === undefined || target === undefined) return;
      found.set(id, { type: attribute(tag, 'Type') ?? '', target: resolveTarget(source, target) });
    },
    text() {},
    close() {},
  });
  return found;
}

// ---------------------------------------------------------------- the workbook part

class WorkbookVisitor implements XmlVisitor {
  done = false;
  isWorkbook = false;
  date1904 = false;
  readonly sheets: { name: string; id: string }[] = [];
  private depth = 0;

  open(tag: XmlTag): void {
    this.depth += 1;
    if (this.depth === 1) {
      this.isWorkbook = isSpreadsheet(tag, 'workbook');
      if (!this.isWorkbook) this.done = true;
      return;
    }
    if (this.depth === 2 && isSpreadsheet(tag, 'workbookPr')) {
      const value = attribute(tag, 'date1904');
      this.date1904 = value === '1' || value === 'true';
    }
    if (this.depth === 3 && isSpreadsheet(tag, 'sheet')) {
      this.sheets.push({
        name: attribute(tag, 'name') ?? '',
        id: namespacedAttribute(tag, RELATIONSHIP_ID_NAMESPACES, 'id') ?? '',
      });
    }
  }

  text(): void {}

  close(): void {
    this.depth -= 1;
  }
}

// ---------------------------------------------------------------- shared strings

/**
 * The shared strings: the text of each `<si>`, rich text runs (`<r>`) joined; phonetic guides
 * (`<rPh>`, the pinyin or furigana above the text) are not part of the text.
 */
async function readSharedStrings(pkg: XlsxPackage, part: string): Promise<string[]> {
  const strings: string[] = [];
  // Element names from the root down; text is kept inside sst/si/t and sst/si/r/t.
  const path: string[] = [];
  let current: string[] | null = null;
  let capturing = false;
  await visitXml(part, pkg.text(part), {
    done: false,
    open(tag) {
      path.push(spreadsheetName(tag));
      const depth = path.length;
      if (depth === 2 && path[1] === 'si') current = [];
      capturing =
        current !== null &&
        path[depth - 1] === 't' &&
        (depth === 3 || (depth === 4 && path[2] === 'r'));
    },
    text(text) {
      if (capturing) current?.push(text);
    },
    close() {
      if (path.length === 2 && current !== null) {
        strings.push(decodeEscapes(current.join('')));
        current = null;
      }
      path.pop();
      capturing = false;
    },
  });
  return strings;
}

/** The local name of a SpreadsheetML element; elements of other namespaces never match. */
function spreadsheetName(tag: XmlTag): string {
  return isSpreadsheet(tag, tag.local) ? tag.local : `{${tag.uri}}${tag.local}`;
}

// ---------------------------------------------------------------- styles

/**
 * For each cell format (`<cellXfs><xf>`), whether its number format shows dates: a format code
 * of the file's own (`<numFmts>`, which may also redefine a built-in id), else a built-in date
 * format id. Format 0 (General) is never a date.
 */
async function readDateStyles(pkg: XlsxPackage, part: string): Promise<boolean[]> {
  const codes = new Map<number, string>();
  const formatIds: number[] = [];
  const path: string[] = [];
  await visitXml(part, pkg.text(part), {
    done: false,
    open(tag) {
      path.push(spreadsheetName(tag));
      if (path.length !== 3) return;
      const id = Number(attribute(tag, 'numFmtId') ?? '0');
      if (path[1] === 'numFmts' && path[2] === 'numFmt') {
        codes.set(id, attribute(tag, 'formatCode') ?? '');
      }
      if (path[1] === 'cellXfs' && path[2] === 'xf') formatIds.push(id);
    },
    text() {},
    close() {
      path.pop();
    },
  });
  return formatIds.map((id) => {
    if (!Number.isInteger(id) || id <= 0) return false;
    const code = codes.get(id);
    return code === undefined ? isBuiltinDateFormat(id) : isDateFormatCode(code);
  });
}
