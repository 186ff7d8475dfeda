//! Transfers, deadlines, the campaign calendar and the rates (issue 5). Filled in by the transfer work.
