/*
 * Test-only stand-in for bcryptprimitives.dll under Wine 8.0, which lacks
 * ProcessPrng: Go 1.26's runtime imports it for its random numbers and
 * aborts at start-up without it. This DLL exports ProcessPrng and fills
 * the buffer through RtlGenRandom (advapi32's SystemFunction036), which
 * Wine implements over the host's random source. It is copied into the
 * test prefix's system32 by packaging/wine/prefix.sh and never shipped:
 * real Windows 10 and later have the real DLL.
 */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T len)
{
	while (len > 0) {
		ULONG chunk = len > 0x10000000 ? 0x10000000 : (ULONG)len;
		if (!SystemFunction036(data, chunk))
			return FALSE;
		data += chunk;
		len -= chunk;
	}
	return TRUE;
}
