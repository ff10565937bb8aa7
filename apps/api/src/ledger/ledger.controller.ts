import { Controller, Query, Req, Res, StreamableFile } from '@nestjs/common';
import type { Request, Response } from 'express';
import { apiRoutes } from '@zhibiao/contracts';
import { Contract, type RouteIn, type RouteOut } from '../common/contract.js';
import { languageOf } from '../common/request-context.js';
import { attachment } from '../measurements/measurements.controller.js';
import { ledgerWorkbook, type WorkbookLanguage } from './ledger-workbook.js';
import { LedgerService } from './ledger.service.js';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

@Controller()
export class LedgerController {
  constructor(private readonly ledger: LedgerService) {}

  @Contract(apiRoutes.getLedger)
  async get(@Query() query: RouteIn<'getLedger'>['query']): Promise<RouteOut<'getLedger'>> {
    const { planTitle: _title, ...ledger } = await this.ledger.build(query);
    return ledger;
  }

  @Contract(apiRoutes.getLedgerXlsx)
  async xlsx(
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
    @Query() query: RouteIn<'getLedgerXlsx'>['query'],
  ): Promise<StreamableFile> {
    const ledger = await this.ledger.build(query);
    const language: WorkbookLanguage = query.lang ?? (languageOf(req) === 'en' ? 'en' : 'zh');
    const content = await ledgerWorkbook(ledger, language);
    res.setHeader('Content-Type', XLSX_TYPE);
    const name = language === 'zh' ? '任务台账' : 'ledger';
    res.setHeader(
      'Content-Disposition',
      attachment(`${name}-${ledger.plan}-${ledger.period}-${ledger.asOf}.xlsx`),
    );
    return new StreamableFile(content);
  }
}
