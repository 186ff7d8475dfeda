/* Tests only, never shipped: Wine 8 has no bcryptprimitives.dll, whose ProcessPrng Rust's
 * std (1.78 and later) imports for its random numbers. scripts/windows.sh builds this into
 * bcryptprimitives.dll inside the test Wine prefix only. Real Windows 10/11 has the DLL. */
#include <windows.h>

/* RtlGenRandom, exported by advapi32 under this name. */
BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T len)
{
    while (len > 0) {
        ULONG n = len > 0x10000000 ? 0x10000000 : (ULONG)len;
        if (!SystemFunction036(data, n))
            return FALSE;
        data += n;
        len -= n;
    }
    return TRUE;
}
