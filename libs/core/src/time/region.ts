/** GB/T 2260 code of Shandong province, the root of every regional breakdown. */
export const PROVINCE_REGION_CODE = '370000';
