#!/usr/bin/env python3
"""Converts tt12-2022-requirements.json (the reference extraction of Thông tư
12/2022/TT-BTTTT, Phụ lục I–V and Điều 9) into the catalogue of the shipped
pack tt12-2022.json. Usage: gen_tt12.py REFERENCE.json > ../tt12-2022.json

Everything except the catalogue (sources, obligations) is written here too, so
the whole pack is regenerated in one go. The conversion is field-for-field;
data/packs' tests compare the result with a copy of the reference file.
"""
import json
import sys
import unicodedata

# A penetration test counts as the inspection of ND 85 Art. 20 in this pack's
# reading (not verified against an official interpretation).
PENTEST_NOTE = "Gói này coi một lần thử nghiệm xâm nhập hệ thống (penetration_test) do tổ chức chuyên môn được cấp phép thực hiện là một lần kiểm tra, đánh giá: Điều 20 khoản 1 điểm c Nghị định 85/2016/NĐ-CP liệt kê “đánh giá phát hiện mã độc, lỗ hổng, điểm yếu, thử nghiệm xâm nhập hệ thống” là nội dung kiểm tra, đánh giá. Cách đọc chưa đối chiếu; cơ quan có thể sửa trong gói riêng."


def nfc(v):
    if isinstance(v, str):
        return unicodedata.normalize("NFC", v)
    if isinstance(v, list):
        return [nfc(x) for x in v]
    if isinstance(v, dict):
        return {nfc(k): nfc(x) for k, x in v.items()}
    return v


def item(src):
    out = {
        "id": src["id"],
        "group": src["group"],
        "text_vi": src["text_vi"],
        "gloss_en": src["text_en"],
        "levels": src["levels"],
        "source": {"source": "tt12", "ref": src["source_ref"]},
        "origin": src["origin"],
        "kind": src["kind"],
        "subgroup_vi": src["subgroup"],
        "subgroup_en": src["subgroup_en"],
    }
    optional = [
        ("family", "family"), ("family_label_vi", "family_label_vi"), ("family_en", "family_en"),
        ("condition_vi", "condition_vi"), ("condition_en", "condition_en"),
        ("text_vi_by_level", "text_vi_by_level"), ("tcvn_clause_by_level", "clause_by_level"),
        ("subgroup_tcvn_clause_by_level", "subgroup_clause_by_level"),
        ("stt_by_level", "row_by_level"), ("point_by_level", "point_by_level"),
    ]
    for key, name in optional:
        if src.get(key):
            out[name] = src[key]
    hint = {
        "management": "Văn bản, quyết định, quy chế hoặc biên bản chứng minh đã thực hiện",
        "configuration": "Ảnh chụp cấu hình, nhật ký hoặc báo cáo kiểm tra thiết lập",
        "design": "Tài liệu thiết kế, sơ đồ mạng, hợp đồng hoặc danh mục thiết bị, sản phẩm",
    }[src["kind"]]
    out["evidence_hint_vi"] = hint
    return out


def main():
    ref = json.load(open(sys.argv[1], encoding="utf-8"))
    doc = ref["document"]
    pack = {
        "format": 1,
        "id": "tt12-2022",
        "title": {
            "vi": "Yêu cầu bảo đảm an toàn hệ thống thông tin theo cấp độ (Thông tư 12/2022/TT-BTTTT)",
            "en": "Security requirements per level (Circular 12/2022/TT-BTTTT)",
        },
        "version": 1,
        "published": "2022-08-12",
        "effective": {"from": doc["effective"]},
        "note": "Danh mục yêu cầu chuyển nguyên văn từ Phụ lục I–V và Điều 9 của Thông tư; nội dung chi tiết nằm trong TCVN 11930:2017 (không sao chép). Từ 19/8/2026 Nghị định 331/2026/NĐ-CP và TCVN 14423:2026 thay thế trên thực tế; các hệ thống phải đáp ứng yêu cầu mới trước 1/7/2027.",
        "sources": [
            {
                "id": "tt12", "title_vi": doc["title_vi"], "title_en": "Circular detailing Decree 85/2016 on information-system security by level",
                "number": doc["number"], "issuer_vi": doc["issuer_vi"], "signed": doc["signed"], "effective": doc["effective"],
                "articles": [
                    {"ref": "Điều 9", "title_vi": "Yêu cầu chung về bảo đảm an toàn hệ thống thông tin"},
                    {"ref": "Điều 10", "title_vi": "Yêu cầu bảo đảm an toàn theo cấp độ (Phụ lục I–V)"},
                    {"ref": "Điều 13", "title_vi": "Chế độ báo cáo"},
                    {"ref": "Điều 14", "title_vi": "Nội dung báo cáo"},
                ],
            },
            {
                "id": "nd85", "title_vi": "Nghị định về bảo đảm an toàn hệ thống thông tin theo cấp độ",
                "title_en": "Decree on information-system security by level", "number": "85/2016/NĐ-CP",
                "issuer_vi": "Chính phủ", "signed": "2016-07-01", "effective": "2016-07-01",
                "articles": [
                    {"ref": "Điều 20 khoản 1 điểm c", "title_vi": "Nội dung kiểm tra, đánh giá: đánh giá phát hiện mã độc, lỗ hổng, điểm yếu, thử nghiệm xâm nhập hệ thống"},
                    {"ref": "Điều 20 khoản 2 điểm c", "title_vi": "Kiểm tra, đánh giá an toàn thông tin định kỳ"},
                ],
                "note": "Nghị định 331/2026/NĐ-CP thay thế trên thực tế từ 19/8/2026.",
            },
            {
                "id": "tt31", "title_vi": "Thông tư quy định hoạt động giám sát an toàn hệ thống thông tin",
                "title_en": "Circular on information-system security monitoring", "number": "31/2017/TT-BTTTT",
                "issuer_vi": "Bộ Thông tin và Truyền thông",
            },
        ],
        "catalogues": [
            {
                "id": "tt12-requirements",
                "title": {"vi": "Yêu cầu an toàn cơ bản theo cấp độ (Phụ lục I–V và Điều 9)", "en": "Baseline requirements per level (Appendices I–V and Article 9)"},
                "items": [item(i) for i in ref["items"]],
            }
        ],
        "obligations": [
            {
                "id": "tt12-annual-report-unit", "kind": "yearly_date", "scope": "agency",
                "title_vi": "Báo cáo hằng năm về công tác bảo đảm an toàn hệ thống thông tin gửi chủ quản",
                "title_en": "Annual information-system security report to the system owner",
                "month": 12, "day": 20, "data_period": {"from": "12-15", "to": "12-14"},
                "satisfied_by": ["annual_security_report_to_owner"],
                "source": {"source": "tt12", "ref": "Điều 13, Điều 14"},
                "note": "Văn bản quy định gửi “trước ngày 20/12”; gói này coi 20/12 là hạn cuối, người dùng có thể sửa.",
            },
            {
                "id": "tt12-annual-report-owner", "kind": "yearly_date", "scope": "agency", "agency_roles": ["system_owner"],
                "title_vi": "Chủ quản hệ thống thông tin báo cáo Bộ hằng năm",
                "title_en": "System owner's annual report to the ministry",
                "month": 12, "day": 25, "data_period": {"from": "12-15", "to": "12-14"},
                "satisfied_by": ["annual_security_report_to_ministry"],
                "source": {"source": "tt12", "ref": "Điều 13"},
            },
            {
                "id": "nd85-inspection-agency", "kind": "periodic", "scope": "agency", "every_months": 24, "alignment": "rolling",
                "title_vi": "Kiểm tra, đánh giá an toàn thông tin toàn bộ cơ quan, tổ chức định kỳ 2 năm một lần",
                "title_en": "Inspect the whole organisation every 2 years",
                "satisfied_by": ["security_inspection_agency"],
                "source": {"source": "nd85", "ref": "Điều 20 khoản 2 điểm c"},
            },
            {
                "id": "nd85-inspection-level34", "kind": "periodic", "scope": "system", "levels": [3, 4], "every_months": 12, "alignment": "rolling",
                "title_vi": "Kiểm tra, đánh giá an toàn thông tin hằng năm đối với hệ thống cấp độ 3, 4",
                "title_en": "Inspect level-3 and level-4 systems every year",
                "satisfied_by": ["security_inspection", "penetration_test"],
                "source": {"source": "nd85", "ref": "Điều 20 khoản 2 điểm c"},
                "unverified": True,
                "note": "Hệ thống cấp độ 3 trở lên do tổ chức chuyên môn được cấp phép thực hiện. " + PENTEST_NOTE,
            },
            {
                "id": "nd85-inspection-level5", "kind": "periodic", "scope": "system", "levels": [5], "every_months": 6, "alignment": "rolling",
                "title_vi": "Kiểm tra, đánh giá an toàn thông tin 6 tháng một lần đối với hệ thống cấp độ 5",
                "title_en": "Inspect level-5 systems every 6 months",
                "satisfied_by": ["security_inspection", "penetration_test"],
                "source": {"source": "nd85", "ref": "Điều 20 khoản 2 điểm c"},
                "unverified": True,
                "note": PENTEST_NOTE,
            },
            {
                "id": "tt31-monitoring-report", "kind": "periodic", "scope": "system", "levels": [3, 4, 5], "every_months": 6, "alignment": "rolling",
                "title_vi": "Báo cáo kết quả giám sát an toàn hệ thống thông tin 6 tháng một lần (cấp độ 3 trở lên)",
                "title_en": "Security-monitoring report every 6 months (level 3 and above)",
                "satisfied_by": ["monitoring_report"],
                "source": {"source": "tt31", "ref": "Thông tư 31/2017/TT-BTTTT (giám sát; lưu dữ liệu giám sát tối thiểu 30 ngày)"},
                "unverified": True,
                "note": "Tóm tắt từ tài liệu tham chiếu; chưa đối chiếu điều khoản cụ thể.",
            },
        ],
    }
    json.dump(nfc(pack), sys.stdout, ensure_ascii=False, indent=1)
    sys.stdout.write("\n")


main()
