import {
  Body,
  Controller,
  Param,
  Query,
  Req,
  Res,
  StreamableFile,
  UploadedFile,
  UseInterceptors,
} from '@nestjs/common';
import { apiRoutes, errorMessage, type SubmissionReport } from '@zhibiao/contracts';
import type { Request, Response } from 'express';
import { principalOf } from '../auth/auth.guard.js';
import { Contract, type RouteIn, type RouteOut } from '../common/contract.js';
import { DomainError } from '../common/domain-error.js';
import { languageOf } from '../common/request-context.js';
import { assertNoProblems } from '../common/validation-failed.js';
import { FilesService } from './files.service.js';
import { itemsAsRows, SubmissionsService, type Incoming } from './submissions.service.js';
import { SeriesService } from './series.service.js';
import { SubmissionQueriesService } from './submission-queries.service.js';
import { UploadInterceptor } from './upload.interceptor.js';
import type { Finding } from '@zhibiao/core';

interface SubmitFlags {
  dryRun: boolean;
  partial: boolean;
}

/** The `Idempotency-Key` header: any visible text up to 200 characters. */
function idempotencyKeyOf(req: Request): string | undefined {
  const key = req.headers['idempotency-key'];
  if (key === undefined) return undefined;
  const text = Array.isArray(key) ? key[0] : key;
  if (!text || text.length > 200 || !/^[\x21-\x7e]+$/.test(text)) {
    assertNoProblems([{ path: 'Idempotency-Key', key: 'idempotency_key_format', values: {} }]);
  }
  return text;
}

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Stored file names are cut to this many characters, keeping the extension. */
export const FILE_NAME_LIMIT = 200;

/** The name a file is kept under: control characters replaced, at most FILE_NAME_LIMIT characters. */
export function storedFileName(name: string): string {
  // eslint-disable-next-line no-control-regex
  const clean = name.replace(/[\u0000-\u001f\u007f]/g, '_');
  // Code points, so a cut never splits a character outside the BMP.
  const characters = [...clean];
  if (characters.length <= FILE_NAME_LIMIT) return clean;
  const extension = /\.[^.]{1,16}$/.exec(clean)?.[0] ?? '';
  return characters.slice(0, FILE_NAME_LIMIT - [...extension].length).join('') + extension;
}

/**
 * PostgreSQL text cannot hold U+0000: a cell with it is an error of its row (named with row and
 * column), and the character is shown as U+FFFD wherever the report repeats what was read.
 */
export function refuseNulCells<T extends { rows: Incoming['rows']; fileFindings?: Finding[] }>(
  incoming: T,
): T {
  const visible = (text: string) => text.replaceAll('\u0000', '\ufffd');
  const findings: Finding[] = [];
  const rows = incoming.rows.map((row) => {
    const cells: typeof row.cells = {};
    for (const [column, cell] of Object.entries(row.cells) as [keyof typeof cells, unknown][]) {
      if (typeof cell === 'string' && cell.includes('\u0000')) {
        findings.push({
          row: row.row,
          column,
          code: 'nul_character',
          severity: 'error',
          values: {},
        });
        cells[column] = visible(cell);
      } else {
        cells[column] = row.cells[column];
      }
    }
    return { ...row, cells };
  });
  const fileFindings = (incoming.fileFindings ?? []).map((finding) => ({
    ...finding,
    values: Object.fromEntries(
      Object.entries(finding.values).map(([key, value]) => [
        key,
        typeof value === 'string' ? visible(value) : value,
      ]),
    ),
  }));
  return { ...incoming, rows, fileFindings: [...fileFindings, ...findings] };
}

/** The type a stored file is sent as: what its bytes show (XLSX is a zip), never what was claimed. */
export function downloadType(content: Buffer): string {
  return content.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04]))
    ? XLSX_TYPE
    : 'application/octet-stream';
}

/** `attachment; filename*=UTF-8''…`: Chinese file names survive every browser. */
export function attachment(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

@Controller()
export class MeasurementsController {
  constructor(
    private readonly submissions: SubmissionsService,
    private readonly files: FilesService,
    private readonly series: SeriesService,
    private readonly queries: SubmissionQueriesService,
  ) {}

  @Contract(apiRoutes.submitMeasurements)
  async submitJson(
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
    @Query() query: RouteIn<'submitMeasurements'>['query'],
    @Body() body: RouteIn<'submitMeasurements'>['body'],
  ): Promise<RouteOut<'submitMeasurements'>> {
    return this.submit(req, res, query, {
      // The web app's entry form says so; anything else calling with JSON is a system's API call.
      source: req.headers['x-zhibiao-source'] === 'web-form' ? 'web' : 'api',
      rows: itemsAsRows(body.items),
      file: {
        name: null,
        contentType: 'application/json',
        content: Buffer.from(JSON.stringify(body)),
      },
    });
  }

  @Contract(apiRoutes.uploadSubmission)
  @UseInterceptors(UploadInterceptor)
  async upload(
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
    @Query() query: RouteIn<'uploadSubmission'>['query'],
    @UploadedFile() file: Express.Multer.File | undefined,
  ): Promise<RouteOut<'uploadSubmission'>> {
    if (!file) throw new DomainError('file_required');
    // The uploader's claimed type is not kept: downloads say what the bytes are.
    const incoming = await this.files.read(
      file.buffer,
      storedFileName(file.originalname),
      'application/octet-stream',
    );
    return this.submit(req, res, query, refuseNulCells(incoming));
  }

  /** Submits as the caller, answering 200 or 422 with the report (and a 422's code and message). */
  private async submit(
    req: Request,
    res: Response,
    query: SubmitFlags,
    incoming: Omit<Incoming, 'dryRun' | 'partial' | 'idempotencyKey'>,
  ): Promise<SubmissionReport> {
    const result = await this.submissions.submit(
      {
        ...incoming,
        dryRun: query.dryRun,
        partial: query.partial,
        idempotencyKey: idempotencyKeyOf(req),
      },
      { kind: 'principal', principal: principalOf(req) },
      languageOf(req),
    );
    res.status(result.httpStatus);
    if (result.httpStatus !== 422) return result.report;
    return {
      ...result.report,
      code: 'submission_rejected',
      message: errorMessage('submission_rejected', languageOf(req)),
    };
  }

  @Contract(apiRoutes.listSubmissions)
  list(
    @Req() req: Request,
    @Query() query: RouteIn<'listSubmissions'>['query'],
  ): Promise<RouteOut<'listSubmissions'>> {
    return this.queries.list(principalOf(req), query);
  }

  @Contract(apiRoutes.getSubmission)
  get(
    @Req() req: Request,
    @Param() params: RouteIn<'getSubmission'>['params'],
  ): Promise<RouteOut<'getSubmission'>> {
    return this.queries.get(principalOf(req), params.id, languageOf(req));
  }

  @Contract(apiRoutes.getSubmissionFile)
  async file(
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
    @Param() params: RouteIn<'getSubmissionFile'>['params'],
  ): Promise<StreamableFile> {
    const file = await this.queries.file(principalOf(req), params.id);
    res.setHeader('Content-Type', downloadType(file.content));
    res.setHeader('Content-Disposition', attachment(file.name));
    return new StreamableFile(file.content);
  }

  @Contract(apiRoutes.getSeries)
  getSeries(
    @Param() params: RouteIn<'getSeries'>['params'],
    @Query() query: RouteIn<'getSeries'>['query'],
  ): Promise<RouteOut<'getSeries'>> {
    return this.series.series(params.code, query);
  }

  @Contract(apiRoutes.getMeasurementHistory)
  history(
    @Query() query: RouteIn<'getMeasurementHistory'>['query'],
  ): Promise<RouteOut<'getMeasurementHistory'>> {
    return this.series.history(query.indicator, query.region, query.period);
  }

  @Contract(apiRoutes.getReportingSheet)
  sheet(
    @Req() req: Request,
    @Query() query: RouteIn<'getReportingSheet'>['query'],
  ): Promise<RouteOut<'getReportingSheet'>> {
    return this.series.sheet(
      this.queries.departmentFor(principalOf(req), query.department),
      query.period,
    );
  }

  @Contract(apiRoutes.getTemplate)
  async template(
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
    @Query() query: RouteIn<'getTemplate'>['query'],
  ): Promise<StreamableFile> {
    const department = this.queries.departmentFor(principalOf(req), query.department);
    const sheet = await this.series.sheet(department, query.period);
    const content = await this.files.template(sheet);
    res.setHeader('Content-Type', XLSX_TYPE);
    res.setHeader(
      'Content-Disposition',
      attachment(`指标填报-${sheet.department.name}-${sheet.period}.xlsx`),
    );
    return new StreamableFile(content);
  }
}
