"""Word lists for realistic demo data of a Chinese portrait studio."""

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
GIVEN_CHARS = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红鹏辉建峰晨瑶雪梅琳欣怡婷悦佳宇浩然子轩梓涵一诺依晨思远雨萱可馨嘉怡俊杰昊天若曦诗琪"
STORES = ("旗舰店", "万达店", "东湖店", "高新店")
WEDDING_PACKAGES = ("经典婚纱套系", "轻奢婚纱套系", "旅拍套系", "中式喜嫁套系", "韩式简约套系")
FAMILY_PACKAGES = ("全家福套系", "写真套系", "孕妇照套系", "证件照套餐")
GROWTH_PACKAGES = ("宝宝成长套系", "童年时光成长套")
GROWTH_STAGES = ("百天", "半岁", "周岁", "两岁")
# what sorters type when they flag a rework (the figures' reasons table), commonest first
REWORK_REASONS = ("色差", "色差", "划痕", "褪色", "尺寸不符", "装订开胶", "错字")
VENDORS = (
    ("金彩相册厂", 10),
    ("艺美框画", 7),
    ("晶典水晶", 12),
    ("彩虹冲印", 3),
    ("时光数码", 2),
)
# product, spec choices, vendor index, unit cost
PRODUCTS = (
    ("大相册", ("12寸 30P", "14寸 40P", "16寸 30P"), 0, 380),
    ("小相册", ("8寸 20P", "6寸 20P"), 0, 120),
    ("父母相册", ("8寸 16P",), 0, 90),
    ("放大框画", ("24寸", "30寸", "36寸"), 1, 160),
    ("油画框", ("20寸", "24寸"), 1, 140),
    ("水晶摆台", ("7寸", "10寸", "12寸"), 2, 85),
    ("钱包照", ("2寸 8张",), 3, 12),
    ("台历", ("A5",), 3, 45),
    ("精修底片U盘", ("32G",), 4, 30),
    ("入册照片", ("6寸 20张",), 3, 25),
)
# product indexes per package kind (the first ones are always in the package)
GROWTH_PRODUCTS = (0, 3, 5, 6)
WEDDING_ITEMS = (0, 1, 2, 3, 3, 4, 5, 6, 7, 8, 3, 5, 9)
FAMILY_ITEMS = (0, 3, 5, 6, 8, 9, 3, 7)
