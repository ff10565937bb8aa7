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
import {
  apiRoutes,
  type ReportingSheet,
  type RevisionOut,
  type Series,
  type SubmissionDetail,
  type SubmissionReport,
  type SubmissionSummary,
} from '@zhibiao/contracts';
import type { Request, Response } from 'express';
import { principalOf } from '../auth/auth.guard.js';
import { Contract } from '../common/contract.js';
import { DomainError } from '../common/domain-error.js';
import { languageOf } from '../common/request-context.js';
import { assertNoProblems } from '../common/validation-failed.js';
import { FilesService } from './files.service.js';
import { itemsAsRows, SubmissionsService, type Incoming } from './submissions.service.js';
import { SeriesService } from './series.service.js';
import { SubmissionQueriesService } from './submission-queries.service.js';
import { UploadInterceptor } from './upload.interceptor.js';
import type { MeasurementItem } from '@zhibiao/contracts';

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
    @Query() query: SubmitFlags,
    @Body() body: { items: MeasurementItem[] },
  ): Promise<SubmissionReport> {
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
    @Query() query: SubmitFlags,
    @UploadedFile() file: Express.Multer.File | undefined,
  ): Promise<SubmissionReport> {
    if (!file) throw new DomainError('file_required');
    const incoming = await this.files.read(file.buffer, file.originalname, file.mimetype);
    return this.submit(req, res, query, incoming);
  }

  /** Submits as the caller, answering 200 or 422 with the report. */
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
    return result.report;
  }

  @Contract(apiRoutes.listSubmissions)
  list(
    @Req() req: Request,
    @Query()
    query: {
      department?: string;
      status?: SubmissionSummary['status'];
      limit?: number;
      before?: string;
    },
  ): Promise<SubmissionSummary[]> {
    return this.queries.list(principalOf(req), query);
  }

  @Contract(apiRoutes.getSubmission)
  get(@Req() req: Request, @Param() params: { id: string }): Promise<SubmissionDetail> {
    return this.queries.get(principalOf(req), params.id, languageOf(req));
  }

  @Contract(apiRoutes.getSubmissionFile)
  async file(
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
    @Param() params: { id: string },
  ): Promise<StreamableFile> {
    const file = await this.queries.file(principalOf(req), params.id);
    res.setHeader('Content-Type', file.contentType);
    res.setHeader('Content-Disposition', attachment(file.name));
    return new StreamableFile(file.content);
  }

  @Contract(apiRoutes.getSeries)
  getSeries(
    @Param() params: { code: string },
    @Query() query: { region?: string; from?: string; to?: string; asOf?: string },
  ): Promise<Series> {
    return this.series.series(params.code, query);
  }

  @Contract(apiRoutes.getMeasurementHistory)
  history(
    @Query() query: { indicator: string; region: string; period: string },
  ): Promise<RevisionOut[]> {
    return this.series.history(query.indicator, query.region, query.period);
  }

  @Contract(apiRoutes.getReportingSheet)
  sheet(
    @Req() req: Request,
    @Query() query: { department?: string; period: string },
  ): Promise<ReportingSheet> {
    return this.series.sheet(
      this.queries.departmentFor(principalOf(req), query.department),
      query.period,
    );
  }

  @Contract(apiRoutes.getTemplate)
  async template(
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
    @Query() query: { department?: string; period: string },
  ): Promise<StreamableFile> {
    const department = this.queries.departmentFor(principalOf(req), query.department);
    const sheet = await this.series.sheet(department, query.period);
    const content = await this.files.template(sheet);
    res.setHeader(
      'Content-Type',
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    res.setHeader(
      'Content-Disposition',
      attachment(`指标填报-${sheet.department.name}-${sheet.period}.xlsx`),
    );
    return new StreamableFile(content);
  }
}
