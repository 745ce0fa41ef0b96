import { Injectable } from '@nestjs/common';
import { fitPage, IngestListVersions, PAGE_LIMITS, servedOrNotFound } from '@commontrace/contracts';
import { AmendmentEntity, TraceEntity, TraceVersionEntity } from '@commontrace/persistence';
import { DataSource, LessThan } from 'typeorm';

type VersionView = IngestListVersions.TraceVersionView;

/**
 * A trace's versions, newest first: the first page starts with the current text. Versions are
 * numbered 1…current without gaps, so the cursor is the last version number of a page, and
 * the list goes on while that is above 1.
 */
@Injectable()
export class ListVersionsUseCase {
  constructor(private readonly dataSource: DataSource) {}

  async execute(request: IngestListVersions.ListVersionsRequest): Promise<IngestListVersions.ListVersionsReply> {
    const m = this.dataSource.manager;
    const trace = servedOrNotFound(await m.findOne(TraceEntity, { where: { id: request.trace_id } }), request.trace_id);
    const limit = request.limit ?? PAGE_LIMITS.defaultLimit;
    const below = request.cursor ? Math.min(Number(request.cursor), trace.version + 1) : trace.version + 1;

    const candidates: VersionView[] = [];
    if (below > trace.version) candidates.push(await this.current(trace));
    const pastWanted = limit - candidates.length;
    if (pastWanted > 0) {
      const past = await m.find(TraceVersionEntity, {
        where: { trace_id: trace.id, version: LessThan(Math.min(below, trace.version)) },
        order: { version: 'DESC' },
        take: pastWanted,
      });
      candidates.push(...past.map(toVersionView));
    }
    const { page } = fitPage(candidates, limit);
    const last = page.at(-1);
    return {
      versions: page,
      current_version: trace.version,
      next_cursor: last && last.version > 1 ? String(last.version) : null,
    };
  }

  /** The trace's own text is its current version, made by the author of the last accepted amendment. */
  private async current(trace: TraceEntity): Promise<VersionView> {
    const lastAccepted = await this.dataSource.manager.findOne(AmendmentEntity, {
      where: { trace_id: trace.id, status: 'accepted' },
      order: { reviewed_at: 'DESC' },
      select: { author_id: true, reviewed_at: true },
    });
    return {
      version: trace.version,
      title: trace.title,
      context_text: trace.context_text,
      solution_text: trace.solution_text,
      tags: trace.tags,
      created_by: lastAccepted?.author_id ?? trace.contributor_id,
      created_at: (lastAccepted?.reviewed_at ?? trace.created_at).toISOString(),
      current: true,
    };
  }
}

function toVersionView(v: TraceVersionEntity): VersionView {
  return {
    version: v.version,
    title: v.title,
    context_text: v.context_text,
    solution_text: v.solution_text,
    tags: v.tags,
    created_by: v.created_by,
    created_at: v.created_at.toISOString(),
    current: false,
  };
}
