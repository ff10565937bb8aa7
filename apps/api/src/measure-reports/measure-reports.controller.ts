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
import { apiRoutes } from '@zhibiao/contracts';
import type { Request, Response } from 'express';
import { principalOf } from '../auth/auth.guard.js';
import { Contract, type RouteIn, type RouteOut } from '../common/contract.js';
import { DomainError } from '../common/domain-error.js';
import { attachment } from '../measurements/measurements.controller.js';
import { UploadInterceptor } from '../measurements/upload.interceptor.js';
import { EvidenceService } from './evidence.service.js';
import { MeasureReportsService } from './measure-reports.service.js';

@Controller()
export class MeasureReportsController {
  constructor(
    private readonly reports: MeasureReportsService,
    private readonly evidence: EvidenceService,
  ) {}

  @Contract(apiRoutes.uploadEvidence)
  @UseInterceptors(UploadInterceptor)
  upload(
    @Req() req: Request,
    @UploadedFile() file: Express.Multer.File | undefined,
  ): Promise<RouteOut<'uploadEvidence'>> {
    if (!file) throw new DomainError('file_required');
    return this.evidence.upload(principalOf(req), file);
  }

  @Contract(apiRoutes.getEvidence)
  async download(
    @Res({ passthrough: true }) res: Response,
    @Param() params: RouteIn<'getEvidence'>['params'],
  ): Promise<StreamableFile> {
    const file = await this.evidence.download(params.id);
    res.setHeader('Content-Type', file.contentType);
    res.setHeader('Content-Disposition', attachment(file.name));
    return new StreamableFile(file.content);
  }

  @Contract(apiRoutes.listMeasureReports)
  list(
    @Param() params: RouteIn<'listMeasureReports'>['params'],
    @Query() query: RouteIn<'listMeasureReports'>['query'],
  ): Promise<RouteOut<'listMeasureReports'>> {
    return this.reports.listForMeasure(params.code, query);
  }

  @Contract(apiRoutes.fileMeasureReport)
  file(
    @Req() req: Request,
    @Param() params: RouteIn<'fileMeasureReport'>['params'],
    @Body() body: RouteIn<'fileMeasureReport'>['body'],
  ): Promise<RouteOut<'fileMeasureReport'>> {
    return this.reports.file(principalOf(req), params.code, body);
  }

  @Contract(apiRoutes.listReportQueue)
  queue(@Query() query: RouteIn<'listReportQueue'>['query']): Promise<RouteOut<'listReportQueue'>> {
    return this.reports.queue(query);
  }

  @Contract(apiRoutes.reviewMeasureReport)
  review(
    @Req() req: Request,
    @Param() params: RouteIn<'reviewMeasureReport'>['params'],
    @Body() body: RouteIn<'reviewMeasureReport'>['body'],
  ): Promise<RouteOut<'reviewMeasureReport'>> {
    return this.reports.review(principalOf(req), params.id, body);
  }
}
