// What the window does with each error code: the message is shown as is (Chinese, from the
// core); the code decides the tone and whether the user can fix it.
import type { ApiError } from '../bindings'

export type Tone = 'warning' | 'error' | 'info'

export function toneOf(e: ApiError): Tone {
  switch (e.code) {
    case 'invalid_input':
    case 'refused':
    case 'conflict':
    case 'not_found':
      return 'warning'
    case 'cancelled':
      return 'info'
    default:
      return 'error'
  }
}

export function titleOf(e: ApiError): string {
  switch (e.code) {
    case 'invalid_input':
      return '输入有误'
    case 'refused':
      return '按规定不能这样操作'
    case 'conflict':
      return '与已有记录冲突'
    case 'not_found':
      return '未找到'
    case 'database_too_new':
      return '数据库由更新版本创建'
    case 'busy':
      return '数据库正被其他程序占用'
    case 'storage':
      return '读写数据失败'
    case 'internal':
      return '程序内部错误'
    case 'cancelled':
      return '已取消'
  }
}
