import { Optional } from '../validation/validators';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, Max, Min } from 'class-validator';
import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';

export const MAX_PAGE_SIZE = 200;

/** `?page=1&pageSize=50`: pages count from 1; at most 200 rows a page. */
export class PaginationQuery {
  @ApiPropertyOptional({ minimum: 1, default: 1 })
  @Optional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  page: number = 1;

  @ApiPropertyOptional({ minimum: 1, maximum: MAX_PAGE_SIZE, default: 50 })
  @Optional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  pageSize: number = 50;

  get offset(): number {
    return (this.page - 1) * this.pageSize;
  }
}

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export function pageOf<T>(items: T[], total: number, query: { page: number; pageSize: number }): Page<T> {
  return { items, total, page: query.page, pageSize: query.pageSize };
}

export type SortOrder = [column: string, direction: 'ASC' | 'DESC'];

/**
 * The common tail of a list endpoint: order the query (end with a unique column so pages are
 * stable), read the requested page and the total, map rows to response items.
 */
export async function pageOfQuery<Entity extends ObjectLiteral, Item>(
  builder: SelectQueryBuilder<Entity>,
  order: SortOrder[],
  query: { page: number; pageSize: number; offset: number },
  toItem: (row: Entity) => Item,
): Promise<Page<Item>> {
  order.forEach(([column, direction], index) =>
    index === 0 ? builder.orderBy(column, direction) : builder.addOrderBy(column, direction),
  );
  const [rows, total] = await builder.skip(query.offset).take(query.pageSize).getManyAndCount();
  return pageOf(
    rows.map((row) => toItem(row)),
    total,
    query,
  );
}

/** Swagger schema for `Page<T>` responses: `@ApiOkResponse({ type: PageDto(WorkOrderResponse) })`. */
export function PageDto<T>(itemType: new (...args: never[]) => T) {
  class PageOfItems {
    @ApiProperty({ type: itemType, isArray: true })
    items: T[];
    @ApiProperty()
    total: number;
    @ApiProperty()
    page: number;
    @ApiProperty()
    pageSize: number;
  }
  Object.defineProperty(PageOfItems, 'name', { value: `PageOf${itemType.name}` });
  return PageOfItems;
}
